"""Labelled lines (text.labelled): one rule for the label forms of transcripts, times in running text, cited prose."""

from __future__ import annotations

import pytest

from helpers.text.labelled import Label, cited_spans, cites_recording, inline_stamps, match, stamped_prose


@pytest.mark.parametrize(
    ("line", "name", "ts", "words"),
    [
        ("[Lex Fridman] [01:26:51] Let us talk.", "Lex Fridman", "01:26:51", "Let us talk."),
        (
            "[#P001] [[00:06](https://www.youtube.com/watch?v=Q&t=6)] **Ankit**: What is it?",
            "Ankit",
            "00:06",
            "What is it?",
        ),
        ("[#P004] [00:49] **Ankit:** Sorry.", "Ankit", "00:49", "Sorry."),
        ("##### **Chenyu** [[00:00:00](https://www.youtube.com/watch?v=V&t=0)]", "Chenyu", "00:00:00", ""),
        ("[SPEAKER_00] [00:05]", "SPEAKER_00", "00:05", ""),
        ("[SPEAKER_00] [00:05-00:12]: Good morning.", "SPEAKER_00", "00:05", "Good morning."),
        ("[00:00:15 → 00:01:02] **Chris Moore:** Welcome.", "Chris Moore", "00:00:15", "Welcome."),
        ("ERICA HILL, CNN ANCHOR: Good morning.", "ERICA HILL", None, "Good morning."),
        ("ANDERSON COOPER, CNN HOST (voice-over): Tonight, 3 stories.", "ANDERSON COOPER", None, "Tonight, 3 stories."),
        ("HILL (voice-over): Next.", "HILL", None, "Next."),
        ("[00:12] [Host] Welcome back.", "Host", "00:12", "Welcome back."),
        ("**Lex Fridman** [01:26:51]: Hi.", "Lex Fridman", "01:26:51", "Hi."),
        ("[司会] [00:01:02] 本日はありがとうございます。", "司会", "00:01:02", "本日はありがとうございます。"),
        ("[Lex Fridman]: How many?", "Lex Fridman", None, "How many?"),
        ("Lex Fridman 00:00:01 - 00:00:05", "Lex Fridman", "00:00:01", ""),
        ("**Ruchi Sanghvi**  0:03", "Ruchi Sanghvi", "0:03", ""),
        ("00:00:01 - 00:00:05 Lex Fridman", "Lex Fridman", "00:00:01", ""),
    ],
)
def test_label_forms_are_one_rule(line, name, ts, words):
    label = match(line)
    assert label == Label(name, ts, len(line) - len(words))


@pytest.mark.parametrize(
    "line",
    [
        "[00:12] Welcome to the show.",  # a time, then words: no name without a colon
        "Welcome [00:12] back to the show.",
        "Yes, I think: no.",
        "Revenue, UP 25%: strong quarter.",  # capitals after a lower-case name are prose
        "[00:00:00] This program is brought to you by 3 volunteers.",
        "## Open Source (12:30)",  # chapters of show notes
        "- Intro (00:00)",
        "- Intro 00:00",
        "00:00 Intro",  # a chapter line: a single time before a name is no label
    ],
)
def test_prose_is_no_label(line):
    assert match(line) is None


def test_times_inside_running_text_are_found_but_links_are_not():
    line = "[00:00:05] My name is Eric, I'm the [00:00:07] co host. See [00:09](https://x?t=9)."
    assert [t for _, _, t in inline_stamps(line)] == ["00:00:05", "00:00:07"]
    assert stamped_prose([line, "[00:00:12] And more."])
    assert not stamped_prose(["Meeting at [10:30] and [11:00] and [12:00]."])  # no line opens with a time
    assert not stamped_prose(["[00:00] Intro", "[02:15] Llama 3 release", "[14:40] Open source"])  # chapters


def test_cited_prose_takes_the_time_of_the_closing_citation_and_drops_the_reference_list():
    text = (
        "# Title\n\n## Discussion\n\nFirst claim, 5 GPUs. [\\[1\\]](#t=8)Second\nclaim. [[2]](#t=41) Trailing.\n\n"
        "## References\n\n1.  [00:00:08](None#t=8): a quote with 5\n    GPUs.\n2.  [00:00:41](None#t=41): another.\n"
    )
    assert cites_recording(text.split("\n"))
    spans = [(s.kind, s.seconds, text[s.start : s.end].strip()) for s in cited_spans(text)]
    assert spans == [
        ("title", None, "Title"),
        ("heading", None, "Discussion"),
        ("body", 8, "First claim, 5 GPUs."),
        ("body", 41, "Second"),
        ("body", 41, "claim."),
        ("body", None, "Trailing."),
    ]


def test_one_citation_is_no_cited_document():
    assert not cites_recording(["As shown [[1]](#t=8), it works.", "See [[2]](#intro)."])


def test_a_time_inside_a_transcript_line_times_the_words_after_it_also_on_the_next_line():
    from helpers.text.parse import parse_document

    d = parse_document(
        "[00:00:01] Hello, 3 people. [00:00:05]\nNext line. [00:00:09] And 4 more.\n"
        "[00:00:12] Done with [00:00:13] it.\n",
        "x",
    )
    got = [(s.timestamp, s.text) for s in d.sentences]
    assert got == [
        ("00:00:01", "Hello, 3 people."),
        ("00:00:05", "Next line."),
        ("00:00:09", "And 4 more."),
        ("00:00:12", "Done with it."),
    ]


def test_chapter_headings_of_a_labelled_transcript_stay_headings():
    from helpers.text.parse import parse_document

    text = (
        "## Open Source (12:30)\n\n[Lex] [12:31] Why open?\n[Mark] [12:35] It is 10 times cheaper.\n[Lex] [12:40] OK.\n"
    )
    d = parse_document(text, "x")
    assert [(s.block_kind, s.speaker, s.text) for s in d.sentences][:2] == [
        ("heading", None, "Open Source (12:30)"),
        ("turn", "Lex", "Why open?"),
    ]


def test_a_citation_before_a_full_stop_leaves_no_space_before_it():
    from helpers.text.parse import parse_document

    text = "# Notes\n\nThe cluster has 24,000 GPUs [[1]](https://youtu.be/a?t=8). It took 54 days [[2]](https://youtu.be/a?t=95).\n"
    d = parse_document(text, "x")
    got = [(s.timestamp, s.text) for s in d.sentences]
    assert got == [("00:00:08", "The cluster has 24,000 GPUs."), ("00:01:35", "It took 54 days.")]
