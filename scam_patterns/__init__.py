"""scam_patterns"""
