import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_deployment_hashes_passwords_with_argon2():
    # The suite itself uses a fast hasher; a deployment (no pytest loaded) must not.
    env = {k: v for k, v in os.environ.items() if k != "KLANG_TESTING"}
    code = (
        "from django.contrib.auth.hashers import make_password;"
        "print(make_password('a long pass phrase').split('$')[0])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "argon2"
