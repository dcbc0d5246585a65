"""Document generation for bills: the pure text core lives in amendment.py."""
