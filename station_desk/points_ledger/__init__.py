"""The points ledger (low level): ``PointEntry`` and ``credit_in``/``reverse_in``, written by every module."""
