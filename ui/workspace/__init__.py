"""The partner workspace: one partner's overview, meetings, action items and reviews."""
