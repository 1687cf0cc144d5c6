"""Staff register (SPEC §1): people, dated role changes, PINs, sign-in and manager approvals."""
