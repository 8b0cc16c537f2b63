"""What the language layer may import: the vocabularies of claims.choices and the bounds of
claims.rules.validation, never the models (they would pull in the app registry and the settings)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json, sys
import claims.language.candidates, claims.language.detect
from django.conf import settings
others = sorted(m for m in sys.modules if m.startswith("claims.") and not m.startswith("claims.language"))
print(json.dumps({"claims": others, "settings": settings.configured}))
"""


def test_the_layer_loads_without_models_or_settings():
    # A fresh interpreter: in this one pytest-django has already loaded the models.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    probe = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr
    assert json.loads(probe.stdout) == {
        "claims": ["claims.choices", "claims.rules", "claims.rules.validation"],
        "settings": False,
    }
