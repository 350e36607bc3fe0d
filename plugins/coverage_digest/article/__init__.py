"""Article: the per-article analysis (the map): quotations and who said them, figures."""
