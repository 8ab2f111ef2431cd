# exec: owned by its layer
