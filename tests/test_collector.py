import gc

import pytest

from coverage_digest.build.collector import paused


def test_collector_is_off_inside_and_restored_after():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_objects_alive_after_the_pause_are_frozen_out_of_collections():
    before = gc.get_freeze_count()
    try:
        with paused():
            kept = [[n] for n in range(1000)]
        assert gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()


def test_state_is_restored_when_the_body_raises():
    with pytest.raises(RuntimeError), paused():
        raise RuntimeError("stage failed")
    assert gc.isenabled()
    gc.unfreeze()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
