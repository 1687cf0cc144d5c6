"""The manager's desk (issue #20): the station's day and month at a glance, and the month-end checklist.

``service`` gathers the numbers (read-only, from the other modules' public reads), ``checklist`` the month-end
duties with their dates from policy, ``drill`` the rows behind every number; ``tab`` is the Qt view."""
