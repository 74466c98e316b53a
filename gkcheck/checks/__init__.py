"""The built-in rules, one plugin module per area, registered as any third-party plugin is."""
