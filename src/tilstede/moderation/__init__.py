"""Moderation: channel modes, rules on new versions, decisions, house-rule reasons."""
