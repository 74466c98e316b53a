"""Reporters: text for people; JUnit XML, JSON, SARIF, GitHub annotations, GitLab Code Quality."""
