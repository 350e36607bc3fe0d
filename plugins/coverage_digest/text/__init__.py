"""Text: what every stage needs to read English news text: sentences, names, TF-IDF, place names."""
