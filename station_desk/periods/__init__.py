"""Month locks (结账). A locked month of a scope (the books, the points, …) is never changed again; corrections
are approved adjustments dated in an open month. Only a manager locks; nothing unlocks (Odoo lock dates)."""
