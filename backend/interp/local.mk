# backend/interp: owned by its layer
