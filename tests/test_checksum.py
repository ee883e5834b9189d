"""Model files verified once are not hashed again at every start, but any change to them is (real
files, real threads): the stamp beside them (askbot-verified.json) holds size, inode, mtime and ctime."""

from __future__ import annotations

import os
import time

import pytest

from askbot.errors import ModelError
from askbot.hashing import sha256_file
from askbot.model.checksum import VERIFIED, ChecksumCheck


@pytest.fixture
def files(tmp_path):
    out = []
    for name, data in (("model.mapped.onnx", b"graph" * 100), ("model.mapped.onnx.data", os.urandom(1 << 16))):
        (tmp_path / name).write_bytes(data)
        out.append((tmp_path / name, sha256_file(tmp_path / name)))
    return out


def check(files) -> ChecksumCheck:
    c = ChecksumCheck(files)
    c.verify()
    return c


def test_a_verified_file_is_not_hashed_again(files, tmp_path):
    assert check(files).hashed == [p for p, _ in files]
    assert (tmp_path / VERIFIED).is_file()
    assert check(files).hashed == []


def test_a_changed_file_is_hashed_again_and_refused(files):
    check(files)
    data, _ = files[1]
    st = data.stat()
    raw = bytearray(data.read_bytes())
    raw[100] ^= 0xFF  # same size, one byte flipped, mtime set back: the ctime still moves
    time.sleep(0.01)
    data.write_bytes(bytes(raw))
    os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns))
    c = ChecksumCheck(files)
    with pytest.raises(ModelError, match=r"model\.mapped\.onnx\.data: sha256 .* refused"):
        c.verify()
    assert c.hashed == [data]


def test_a_stamp_for_another_checksum_does_not_count(files):
    check(files)
    graph, _ = files[0]
    with pytest.raises(ModelError, match=r"model\.mapped\.onnx: sha256"):
        check([(graph, "0" * 64)])  # the marker now expects other bytes: hashed, and refused


def test_a_stamp_that_cannot_be_kept_just_means_hashing_each_time(files, tmp_path):
    (tmp_path / VERIFIED).mkdir()  # neither readable nor replaceable as a file
    assert check(files).hashed == [p for p, _ in files]
    assert check(files).hashed == [p for p, _ in files]
