"""Search in Chinese and English: a shared tokenizer, the index kept by the services, and queries."""
