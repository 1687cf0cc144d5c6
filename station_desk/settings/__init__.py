"""The manager's station settings (站内政策设置): versions of the policy."""
