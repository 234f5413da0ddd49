"""Archive: archive value, Noark 5 arkivuttrekk, PDF/A, retention and innsyn."""
