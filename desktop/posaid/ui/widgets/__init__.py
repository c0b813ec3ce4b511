"""Widgets shared by several screens: calendar, slip picture and reader,
card confirm, table base."""
