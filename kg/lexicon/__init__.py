"""Language data: names, suffixes and cue words of Chinese public administration."""
