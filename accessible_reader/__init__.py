"""Accessible Reader (无障碍阅读器): offline accessible reading of portal articles."""

__version__ = "0.1.0"
