# linux-user: owned by its layer
