"""The differential engine: generated scenarios and client scripts, run on the real server and on
the mock, compared, and shrunk to minimal cases when they diverge (``ohmock diff``).

``cases`` builds a case (a scenario plus its client script) and the hypothesis strategies that
generate them; ``compare`` names every way two transcripts may differ and the few
normalizations the real server's own nondeterminism forces; ``runner`` plays a case on two
targets, explores with a seed, shrinks and saves what diverged.
"""
