# bench: owned by its layer
