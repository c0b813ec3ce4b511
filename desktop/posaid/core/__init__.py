"""Domain logic: money, card guard, incidents, settlement calendar, checklist. No Qt here."""
