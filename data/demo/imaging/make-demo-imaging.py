#!/usr/bin/env python3
# make-demo-imaging.py — the demo cases' synthetic ultrasound, made at build time
#
#   make-demo-imaging.py OUTDIR STAMP DUMP2DCM DCMCJPEG [GST-LAUNCH]
#
# OUTDIR/<case id>/ gets what `huizhen-cli demo` imports into that case
# (hz_imaging_import_demo()): JPEG-baseline ultrasound DICOM files whose
# Study Instance UIDs are those of the demo bundles' ImagingStudy
# resources (so the images join those studies), with the Sequence of
# Ultrasound Regions (0.2 mm a pixel) and, for the cine, a frame time;
# and a small VP8 WebM clip from GStreamer's test source when
# gst-launch-1.0 is given. The pictures are drawn here: a sector of
# speckle with a dark gestational sac and a fetal pole whose brightness
# beats in the cine. Everything is invented (HTEST demo data).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

out_dir, stamp, dump2dcm, dcmcjpeg = sys.argv[1:5]
gst_launch = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else None

MM_PER_PIXEL = 0.2


def picture(width, height, frame, frames, seed):
    """8-bit grey ultrasound-like sector, row after row"""
    rng = random.Random(seed * 1000 + frame)
    apex_x, apex_y = width / 2, height * 0.04
    r_min, r_max = height * 0.08, height * 0.95
    half_angle = math.radians(38)
    sac_x, sac_y = width * 0.5, height * 0.52
    sac_a, sac_b = width * 0.20, height * 0.16
    beat = 0.5 + 0.5 * math.sin(2 * math.pi * frame / max(frames, 1) * 3)
    pole_x, pole_y = sac_x + width * 0.03, sac_y + height * 0.05
    data = bytearray(width * height)
    for y in range(height):
        dy = y - apex_y
        for x in range(width):
            dx = x - apex_x
            r = math.hypot(dx, dy)
            if r < r_min or r > r_max or abs(math.atan2(dx, dy)) > half_angle:
                continue
            depth = (r - r_min) / (r_max - r_min)
            v = 70 + 60 * (1 - depth) + rng.gauss(0, 28)
            e = ((x - sac_x) / sac_a) ** 2 + ((y - sac_y) / sac_b) ** 2
            if e < 1:
                v = 12 + rng.gauss(0, 6)          # fluid of the sac
            elif e < 1.25:
                v += 80                           # its bright rim
            p = ((x - pole_x) / (width * 0.05)) ** 2 + ((y - pole_y) / (height * 0.035)) ** 2
            if p < 1:
                v = 120 + 90 * beat + rng.gauss(0, 15)
            data[y * width + x] = max(0, min(255, int(v)))
    return bytes(data)


def regions(width, height):
    return ("(0018,6011) SQ (Sequence with undefined length #=1)\n"
            "(fffe,e000) na (Item with undefined length #=10)\n"
            "(0018,6012) US 1\n(0018,6014) US 1\n(0018,6016) UL 0\n"
            f"(0018,6018) UL 0\n(0018,601a) UL 0\n(0018,601c) UL {width - 1}\n(0018,601e) UL {height - 1}\n"
            "(0018,6024) US 3\n(0018,6026) US 3\n"
            f"(0018,602c) FD {MM_PER_PIXEL / 10}\n(0018,602e) FD {MM_PER_PIXEL / 10}\n"
            "(fffe,e00d) na (ItemDelimitationItem)\n(fffe,e0dd) na (SequenceDelimitationItem)\n")


def make(path, tmp, image):
    width, height, frames = image["width"], image["height"], image.get("frames", 1)
    raw = os.path.join(tmp, "pixels.raw")
    with open(raw, "wb") as f:
        for n in range(frames):
            f.write(picture(width, height, n, frames, image["seed"]))
    sop_class = "1.2.840.10008.5.1.4.1.1.3.1" if frames > 1 else "1.2.840.10008.5.1.4.1.1.6.1"
    lines = [
        "(0002,0010) UI =LittleEndianExplicit",
        "(0008,0005) CS [ISO_IR 192]",
        f"(0008,0016) UI [{sop_class}]",
        f"(0008,0018) UI [{image['sop']}]",
        f"(0008,0020) DA [{image['date']}]",
        f"(0008,0030) TM [{image['time']}]",
        "(0008,0060) CS [US]",
        "(0008,0070) LO [Huizhen demo]",
        "(0008,0201) SH [+0800]",
        f"(0008,1030) LO [{image['study_description']}]",
        f"(0008,103e) LO [{image['series_description']}]",
        f"(0010,0010) PN [{image['patient_name']}]",
        f"(0010,0020) LO [{image['patient_id']}]",
        "(0010,0040) CS [F]",
        f"(0020,000d) UI [{image['study']}]",
        f"(0020,000e) UI [{image['series']}]",
        f"(0020,0011) IS [{image.get('series_number', 1)}]",
        f"(0020,0013) IS [{image['number']}]",
    ]
    if frames > 1:
        lines += ["(0018,0040) IS [25]", "(0018,1063) DS [40]",
                  "(0028,0009) AT (0018,1063)"]
    dump = "\n".join(lines) + "\n" + regions(width, height)
    dump += ("(0028,0002) US 1\n(0028,0004) CS [MONOCHROME2]\n"
             + (f"(0028,0008) IS [{frames}]\n" if frames > 1 else "")
             + f"(0028,0010) US {height}\n(0028,0011) US {width}\n"
             "(0028,0100) US 8\n(0028,0101) US 8\n(0028,0102) US 7\n(0028,0103) US 0\n"
             f"(7fe0,0010) OB ={raw}\n")
    text = os.path.join(tmp, "dump.txt")
    native = os.path.join(tmp, "native.dcm")
    with open(text, "w", encoding="utf-8") as f:
        f.write(dump)
    subprocess.run([dump2dcm, "-q", text, native], check=True)
    subprocess.run([dcmcjpeg, "-q", "+eb", "+q", "90", "+un", native, path], check=True)


# the demo bundles' studies (data/demo/*.json): UIDs, patients
C1_STUDY = "2.25.152589187635105368996208525733923116612"
C1_SERIES = "2.25.187590787696099214054960067064153670281"
C3_STUDY = "2.25.193021440869198191654677991519090473692"
C1 = dict(date="20261114", time="090500", study=C1_STUDY, series=C1_SERIES,
          study_description="早孕超声（孕10周）", series_description="早孕期经腹扫查",
          patient_name="ZHOU^YUTONG=周^雨桐", patient_id="YZ2026018734")
IMAGES = {
    "c1-episode": [
        ("US-STILL.dcm", dict(C1, sop=C1_SERIES + ".1", number=1, width=480, height=360, seed=1)),
        ("US-CINE.dcm", dict(C1, sop=C1_SERIES + ".2", number=2, width=320, height=240, frames=24,
                             seed=2)),
    ],
    "c3-episode": [
        ("US-STILL.dcm", dict(date="20261112", time="140500", study=C3_STUDY, series=C3_STUDY + ".1",
                              sop=C3_STUDY + ".1.1", number=1, width=480, height=360, seed=3,
                              study_description="产科超声（孕28周）", series_description="胎儿生长测量",
                              patient_name="LIU^HAIYAN=刘^海燕", patient_id="YZ2026025516")),
    ],
}

if os.path.isdir(out_dir):
    shutil.rmtree(out_dir)
with tempfile.TemporaryDirectory() as tmp:
    for case_id, images in IMAGES.items():
        os.makedirs(os.path.join(out_dir, case_id))
        for name, image in images:
            make(os.path.join(out_dir, case_id, name), tmp, image)

clip = os.path.join(out_dir, "c3-episode", "fetal-heart-clip.webm")
if gst_launch:
    subprocess.run([gst_launch, "-q", "videotestsrc", "num-buffers=60", "pattern=ball", "!",
                    "video/x-raw,width=320,height=240,framerate=30/1", "!", "vp8enc", "!", "webmmux",
                    "!", "filesink", "location=" + clip], check=True)
else:
    print("make-demo-imaging: gst-launch-1.0 not found (build-aux/dev installs gstreamer1.0-tools "
          "and gstreamer1.0-plugins-good): the demo has no clip", file=sys.stderr)

with open(stamp, "w") as f:
    f.write("demo imaging made\n")
