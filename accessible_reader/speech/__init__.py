"""Read-aloud without Qt: engines, utterances, the narrator state machine, WAV export.

engine.py (Engine protocol, Clip, Mark, Voice) · espeak.py · pyttsx3_engine.py ·
silent.py · select.py (engine choice with fallback) · utterances.py (sentences with
spoken ↔ displayed offsets) · narrator.py (queue, play/pause/stop, navigation,
highlighting from the playback clock; Player, Scheduler and SynthesisRunner are
injected) · wav.py. The Qt player and bridge live in accessible_reader/ui.
"""
