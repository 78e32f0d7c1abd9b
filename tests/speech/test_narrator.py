"""The narrator state machine, on a manual clock with the silent (spy) engine.

The silent engine gives every non-space character 250 ms and one mark, so every
expected time and range below can be worked out by hand.
"""

from __future__ import annotations

from accessible_reader.speech.narrator import DeferredRunner
from accessible_reader.speech.rates import RATE_STEPS, rate_label, step_rate
from accessible_reader.speech.states import State
from accessible_reader.speech.utterances import Utterance, make_utterance, plain_utterances
from tests.speech.helpers import CountingEngine, Rig, make_rig


def state_of(rig: Rig) -> State:
    """The narrator's state, read fresh (a call, so type checkers do not narrow it)."""
    return rig.narrator.state


def article() -> list[Utterance]:
    """Title, two sentences in block 0, one each in blocks 1 and 2."""
    return plain_utterances(
        [
            (-2, 0, "标题。"),
            (0, 0, "第一句。"),
            (0, 4, "第二句。"),
            (1, 0, "第三句。"),
            (2, 0, "第四句。"),
        ]
    )


def test_reads_every_utterance_in_order_then_finishes() -> None:
    rig = make_rig(article())
    rig.narrator.play_from_start()
    assert state_of(rig) is State.PLAYING
    rig.clock.run_until_idle()
    assert rig.recorder.utterances() == [0, 1, 2, 3, 4]
    assert rig.recorder.events[0] == ("state", "playing")
    assert rig.recorder.events[-2:] == [("state", "stopped"), ("finished",)]
    assert state_of(rig) is State.STOPPED
    assert rig.narrator.reading_position is None  # the next play() starts at the top
    # Each sentence synthesised once, at volume 1.0 (the player applies volume).
    assert [r[0] for r in rig.engine.requests] == [u.spoken_text for u in article()]
    assert all(r[3] == 1.0 for r in rig.engine.requests)


def test_words_follow_the_playback_clock() -> None:
    rig = make_rig(article())
    rig.narrator.play_from_start()
    assert rig.recorder.of("word") == [("word", -2, 0, 1)]
    rig.clock.advance(249)
    assert len(rig.recorder.of("word")) == 1
    rig.clock.advance(1)
    assert rig.recorder.of("word")[-1] == ("word", -2, 1, 2)
    assert rig.narrator.current_word is not None
    assert rig.narrator.reading_position == (-2, 1)
    rig.clock.advance(250 + 250)  # 。 of the title, then 第 of sentence 1
    assert rig.recorder.utterances() == [0, 1]
    assert rig.recorder.of("word")[-1] == ("word", 0, 0, 1)


def test_next_clip_is_prefetched_while_the_current_one_plays() -> None:
    rig = make_rig(article())
    rig.narrator.play_from_start()
    assert [r[0] for r in rig.engine.requests] == ["标题。", "第一句。"]
    rig.clock.advance(750)  # title done; sentence 1 was cached, sentence 2 requested
    assert [r[0] for r in rig.engine.requests] == ["标题。", "第一句。", "第二句。"]
    assert rig.recorder.utterances() == [0, 1]


def test_pause_holds_audio_and_highlight_and_resume_continues_the_same_clip() -> None:
    rig = make_rig(article())
    rig.narrator.play_from_start()
    rig.clock.advance(300)
    rig.narrator.pause()
    assert state_of(rig) is State.PAUSED
    assert rig.player.paused
    words = list(rig.recorder.of("word"))
    rig.clock.advance(10_000)
    assert rig.recorder.of("word") == words  # nothing moves while paused
    assert rig.player.position_ms() == 300
    rig.narrator.resume()
    assert state_of(rig) is State.PLAYING
    assert len(rig.player.played) == 1  # the same clip continues, not a new one
    rig.clock.advance(199)
    assert rig.recorder.of("word") == words
    rig.clock.advance(1)  # 500 ms of audio heard: the third character
    assert rig.recorder.of("word")[-1] == ("word", -2, 2, 3)
    assert rig.player.events[:3] == ["play", "pause", "resume"]


def test_toggle_plays_pauses_and_resumes() -> None:
    rig = make_rig(article())
    rig.narrator.toggle()
    assert state_of(rig) is State.PLAYING
    rig.narrator.toggle()
    assert state_of(rig) is State.PAUSED
    rig.narrator.toggle()
    assert state_of(rig) is State.PLAYING
    assert [e for e in rig.recorder.events if e[0] == "state"] == [
        ("state", "playing"),
        ("state", "paused"),
        ("state", "playing"),
    ]


def test_stop_mid_sentence_silences_keeps_the_position_and_play_resumes_there() -> None:
    rig = make_rig(article())
    rig.narrator.play_from_start()
    rig.clock.advance(750 + 300)  # sentence 1, second character (一)
    rig.narrator.stop()
    assert state_of(rig) is State.STOPPED
    assert rig.player.clip is None
    assert rig.player.events[-1] == "stop"
    assert rig.narrator.reading_position == (0, 1)
    assert rig.narrator.current_utterance is None
    assert rig.clock.pending == 0  # no timer left behind
    rig.recorder.clear()
    rig.clock.advance(5_000)
    assert rig.recorder.events == []  # no finished event after stop
    before = len(rig.engine.requests)
    rig.narrator.play()
    # From the word heard, not the sentence start; sentence 2 is still cached.
    assert [r[0] for r in rig.engine.requests[before:]] == ["一句。"]
    assert rig.recorder.utterances() == [1]
    assert rig.recorder.of("word")[0] == ("word", 0, 1, 2)


def test_next_and_previous_sentence_and_paragraph() -> None:
    rig = make_rig(article())
    narrator = rig.narrator
    narrator.play_from_start()
    rig.clock.advance(100)
    narrator.next_sentence()
    assert narrator.current_utterance is not None and narrator.current_utterance.id == 1
    narrator.next_paragraph()
    assert narrator.current_utterance is not None and narrator.current_utterance.id == 3
    narrator.previous_paragraph()
    assert narrator.current_utterance is not None and narrator.current_utterance.id == 1
    narrator.next_sentence()
    narrator.previous_sentence()
    assert narrator.current_utterance is not None and narrator.current_utterance.id == 1
    assert rig.recorder.utterances() == [0, 1, 3, 1, 2, 1]
    # Skipping stops the old clip at once, before the new one starts.
    assert rig.player.events.count("stop") >= 5
    rig.clock.run_until_idle()
    assert rig.recorder.utterances()[-4:] == [1, 2, 3, 4]


def test_navigation_while_paused_speaks_the_target() -> None:
    rig = make_rig(article())
    rig.narrator.play_from_start()
    rig.narrator.pause()
    rig.narrator.next_sentence()
    assert state_of(rig) is State.PLAYING
    assert rig.recorder.utterances()[-1] == 1


def test_a_late_finished_notice_for_a_replaced_clip_is_ignored() -> None:
    rig = make_rig(article())
    rig.narrator.play_from_start()
    old = rig.player.clip
    assert old is not None
    rig.narrator.next_sentence()
    rig.narrator.on_clip_finished(old)  # e.g. a queued signal that arrived late
    current = rig.narrator.current_utterance
    assert current is not None and current.id == 1
    assert rig.recorder.utterances() == [0, 1]


def test_results_that_arrive_after_a_skip_are_not_played() -> None:
    runner = DeferredRunner()
    rig = make_rig(article(), runner=runner)
    rig.narrator.play_from_start()
    assert state_of(rig) is State.PLAYING
    assert rig.player.played == []  # still synthesising
    rig.narrator.next_sentence()
    runner.run_all()
    assert rig.recorder.utterances() == [1]
    assert len(rig.player.played) == 1
    rig.narrator.pause()
    rig.narrator.next_sentence()  # speaks sentence 2 as soon as its clip arrives
    runner.run_all()
    assert rig.recorder.utterances() == [1, 2]


def test_pause_while_waiting_for_synthesis_plays_on_resume() -> None:
    runner = DeferredRunner()
    rig = make_rig(article(), runner=runner)
    rig.narrator.play_from_start()
    rig.narrator.pause()
    runner.run_all()
    assert rig.player.played == []
    rig.narrator.resume()
    assert rig.recorder.utterances() == [0]


def test_highlight_of_a_sentence_with_normalised_numbers() -> None:
    display = "完成投资57.7亿元。"
    spoken = "完成投资五十七点七亿元。"
    # 五十 both come from "5", 七 from "7", 点 from ".", 七 from "7".
    offsets = (0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11)
    utterance = make_utterance(0, 3, 10, 21, display, spoken, offsets)
    rig = make_rig([utterance])
    rig.narrator.play_from_start()
    rig.clock.run_until_idle()
    words = [(int(str(start)), int(str(end))) for _, _, start, end in rig.recorder.of("word")]
    shown = [display[s - 10 : e - 10] for s, e in words]
    assert shown == ["完", "成", "投", "资", "5", "5", "7", ".", "7", "亿", "元", "。"]
    assert all(event[1] == 3 for event in rig.recorder.of("word"))
    assert rig.engine.requests[0][0] == spoken


def test_highlight_offsets_count_utf16_units_for_non_bmp_characters() -> None:
    # 𠮷 is one Python character but two UTF-16 units in the block.
    utterance = plain_utterances([(5, 2, "𠮷野家。")])[0]
    assert utterance.end == 2 + 5
    rig = make_rig([utterance])
    rig.narrator.play_from_start()
    rig.clock.run_until_idle()
    assert [(s, e) for _, _, s, e in rig.recorder.of("word")] == [(2, 4), (4, 5), (5, 6), (6, 7)]


def test_play_from_a_caret_position() -> None:
    rig = make_rig(article())
    rig.narrator.play_from(0, 6)  # inside 第二句。, at 句
    assert rig.engine.requests[0][0] == "句。"
    assert rig.recorder.of("word")[0] == ("word", 0, 6, 7)
    rig.narrator.stop()
    rig.recorder.clear()
    rig.narrator.play_from(0, 8)  # end of block 0: the next block's sentence
    assert rig.recorder.utterances() == [3]


def test_point_reading_a_block_reads_only_that_block() -> None:
    rig = make_rig(article())
    rig.narrator.play_block(0)
    rig.clock.run_until_idle()
    assert rig.recorder.utterances() == [1, 2]
    assert rig.recorder.events[-1] == ("finished",)
    rig.recorder.clear()
    rig.narrator.play_block(1, only=False)
    rig.clock.run_until_idle()
    assert rig.recorder.utterances() == [3, 4]


def test_play_a_selection_range() -> None:
    rig = make_rig(article())
    rig.narrator.play_range((0, 1), (1, 2))
    rig.clock.run_until_idle()
    assert [r[0] for r in rig.engine.requests] == ["一句。", "第二句。", "第三"]
    assert rig.recorder.utterances() == [1, 2, 3]
    assert rig.recorder.events[-1] == ("finished",)


def test_rate_change_mid_sentence_restarts_from_the_word_heard() -> None:
    rig = make_rig(plain_utterances([(0, 0, "一二三四五六。")]))
    rig.narrator.play_from_start()
    rig.clock.advance(600)  # 三 started at 500 ms
    rig.narrator.set_rate(2.0)
    assert rig.engine.requests[-1] == ("三四五六。", None, 2.0, 1.0)
    assert rig.recorder.of("word")[-1] == ("word", 0, 2, 3)
    rig.clock.advance(125)  # 125 ms per character at 2×
    assert rig.recorder.of("word")[-1] == ("word", 0, 3, 4)
    assert rig.narrator.rate == 2.0


def test_rate_change_while_paused_stays_paused() -> None:
    rig = make_rig(plain_utterances([(0, 0, "一二三四五六。")]))
    rig.narrator.play_from_start()
    rig.clock.advance(300)
    rig.narrator.pause()
    rig.narrator.faster()
    assert state_of(rig) is State.PAUSED
    assert rig.narrator.rate == 1.3
    rig.narrator.resume()
    assert rig.player.played[-1] is rig.player.clip
    assert rig.engine.requests[-1][0] == "二三四五六。"


def test_volume_is_applied_by_the_player_at_once() -> None:
    rig = make_rig(article())
    rig.narrator.play_from_start()
    rig.narrator.set_volume(0.4)
    assert rig.player.volume == 0.4
    assert len(rig.engine.requests) == 2  # no re-synthesis


def test_voice_change_resynthesises_with_the_new_voice() -> None:
    rig = make_rig(article())
    rig.narrator.play_from_start()
    rig.narrator.set_voice("silent")
    assert rig.engine.requests[-1][1] == "silent"
    assert rig.narrator.voice == "silent"


def test_synthesis_failure_stops_and_reports() -> None:
    rig = make_rig(article(), engine=CountingEngine(fail_on="第三"))
    rig.narrator.play_from_start()
    rig.clock.run_until_idle()
    assert rig.recorder.utterances() == [0, 1, 2]
    assert rig.recorder.of("error") == [("error", "合成失败。")]
    assert state_of(rig) is State.STOPPED
    assert ("finished",) not in rig.recorder.events


def test_play_after_the_end_starts_again_from_the_top() -> None:
    rig = make_rig(article())
    rig.narrator.play()
    rig.clock.run_until_idle()
    rig.recorder.clear()
    rig.narrator.play()
    assert rig.recorder.utterances() == [0]


def test_saved_reading_position_is_where_play_begins() -> None:
    rig = make_rig([])
    rig.narrator.set_utterances(article(), position=(1, 0))
    rig.narrator.play()
    assert rig.recorder.utterances() == [3]


def test_nothing_to_read_finishes_at_once() -> None:
    rig = make_rig([])
    rig.narrator.play()
    assert rig.recorder.events[-1] == ("finished",)
    assert state_of(rig) is State.STOPPED


def test_a_listener_may_stop_the_narrator_from_an_event() -> None:
    rig = make_rig(article())

    class StopAtFirstWord(type(rig.recorder)):  # type: ignore[misc]
        def word(self, utterance: Utterance, where: object) -> None:
            rig.narrator.stop()

    rig.narrator.add_listener(StopAtFirstWord())
    rig.narrator.play_from_start()
    assert state_of(rig) is State.STOPPED
    assert rig.clock.pending == 0


def test_rate_steps() -> None:
    assert [value for _, value in RATE_STEPS] == [0.6, 0.8, 1.0, 1.3, 1.6]
    assert step_rate(1.0, True) == 1.3
    assert step_rate(1.0, False) == 0.8
    assert step_rate(1.6, True) == 1.8
    assert step_rate(2.9, True) == 3.1
    assert step_rate(3.9, True) == 4.0
    assert step_rate(4.0, True) == 4.0
    assert step_rate(2.0, False) == 1.8
    assert step_rate(0.6, False) == 0.5
    assert step_rate(0.5, False) == 0.5
    assert step_rate(1.0, True, fine=True) == 1.1
    assert step_rate(1.15, False) == 1.0
    assert rate_label(1.0) == "正常"
    assert rate_label(1.6) == "快"
    assert rate_label(2.2) == "2.2倍"


def test_executor_runner_delivers_results_through_the_given_callback() -> None:
    import queue
    import threading
    import time
    from collections.abc import Callable
    from concurrent.futures import ThreadPoolExecutor

    from accessible_reader.speech.narrator import ExecutorRunner

    inbox: queue.Queue[Callable[[], None]] = queue.Queue()
    main_thread = threading.get_ident()
    ran_on: list[int] = []

    def deliver(callback: Callable[[], None]) -> None:
        inbox.put(callback)  # what a queued Qt signal does

    with ThreadPoolExecutor(max_workers=1) as executor:
        rig = make_rig(article(), runner=ExecutorRunner(executor, deliver))
        rig.narrator.play_from_start()
        assert rig.player.played == []  # nothing is played before the main loop runs
        deadline = time.monotonic() + 10
        while not rig.recorder.of("finished") and time.monotonic() < deadline:
            try:
                callback = inbox.get(timeout=0.01)
            except queue.Empty:
                rig.clock.advance(250)  # the main loop's idle time passes
                continue
            callback()
            ran_on.append(threading.get_ident())
    assert rig.recorder.utterances() == [0, 1, 2, 3, 4]
    assert ran_on and set(ran_on) == {main_thread}


def test_a_clip_that_ended_just_before_a_pause_moves_on_at_resume() -> None:
    rig = make_rig(article())
    rig.narrator.play_from_start()
    clip = rig.player.clip
    assert clip is not None
    rig.player.on_finished = None  # the finished notice is "queued", not delivered yet
    rig.clock.advance(clip.duration_ms)
    rig.narrator.pause()
    rig.narrator.on_clip_finished(clip)  # ...and arrives after the pause
    assert state_of(rig) is State.PAUSED
    rig.player.on_finished = rig.narrator.on_clip_finished
    rig.narrator.resume()
    assert rig.recorder.utterances() == [0, 1]
    rig.clock.run_until_idle()
    assert rig.recorder.utterances() == [0, 1, 2, 3, 4]
