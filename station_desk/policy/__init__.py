"""Station policy (SPEC: "every number below is station policy"): one versioned document with an effective
date. Core sections live in :mod:`.sections`; each module owns its section in ``<module>/policy.py``; the
composite is :class:`station_desk.policy.station_policy.StationPolicy`."""
