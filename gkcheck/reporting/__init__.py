"""Reporters: text for people, JUnit XML, JSON and SARIF for machines."""
