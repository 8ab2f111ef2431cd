# backend/x86_64: owned by its layer
