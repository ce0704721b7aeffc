import sys
from pathlib import Path

# deploy.local.layout is imported as a package from the repository root.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
