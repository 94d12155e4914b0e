"""The Qt-free core: models, services, validation, exchange formats and database handling."""
