"""When a sale's money is due, why, and what the credit should be."""
