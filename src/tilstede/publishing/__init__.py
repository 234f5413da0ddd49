"""Publishing: compose once for several channels, check, approve, schedule, publish; crisis mode."""
