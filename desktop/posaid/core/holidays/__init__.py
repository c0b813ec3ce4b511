"""The mainland China work calendar: holidays, make-up days, notices, estimates."""
