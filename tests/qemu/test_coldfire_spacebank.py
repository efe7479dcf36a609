"""The space bank's clients on ColdFire (QEMU mcf5208evb): the cases and
checks of test_spacebank.py (clients, relax, deaths, default), on
coldfire-<variant>.img built from the same programs and manifests.  Every
check holds as on x86_64: the kernel's limit leaves out the frame
window's frames, which only a MAP at their address takes (no MMU), so the
bank never promises a frame RESERVE cannot take (docs/coldfire.md).
"""

import test_spacebank
from harness import check


class ColdFire(test_spacebank.Target):
    """coldfire-<variant>.img."""
    name = "qemu_coldfire_spacebank"
    manifest = "manifest-coldfire.txt"

    def boot(self, t, variant=None):
        path = t.build_dir / "coldfire" / f"coldfire{'-' + variant if variant else ''}.img"
        check(path.exists(), f"{path} is missing (ColdFire sub-build not done?)")
        return t.machine(path, t.store(), arch="coldfire")


test_spacebank.run(ColdFire())
