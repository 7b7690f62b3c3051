"""The real-server harness: scenarios, the scripted LLM, the real-server runner, the client-script
driver, the transcript recorder and comparison.

The same scenario drives the mock and a real openhands-agent-server (through the scripted LLM), so
the two can be compared frame by frame.
"""
