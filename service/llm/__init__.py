"""The LLM layer: the only package that imports litellm.

Set before any module of this package imports litellm, which would otherwise fetch its model cost map from the
internet (and retry from a thread) at import time.
"""

import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
