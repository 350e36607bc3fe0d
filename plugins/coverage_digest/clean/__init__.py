"""Clean: site furniture removed from each raw article, and the outlet inferred from what remains."""
