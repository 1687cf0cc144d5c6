"""Data layer: engine and transactions (:mod:`.engine`), column types (:mod:`.types`), migrations
(:mod:`.migrate`), the instance lock (:mod:`.lock`) and the model registry (:mod:`.registry`)."""
