/*
 * kh_drv.h - the device-manager protocol between devdisc and the driver it
 * starts for a device (docs/capabilities.md, "The device-manager
 * protocol").  devdisc spawns the driver with its console and a copy of
 * the driver endpoint (with the receive right), then CALLs it, one message
 * per capability, and once more when all are sent; before rescinding the
 * device's frames it CALLs REVOKE.  The driver answers every message with
 * a REPLY of label KH_DRV_OK (or an enum status).
 */
#ifndef KH_DRV_H
#define KH_DRV_H

#define KH_DRV_GRANT   1u  /* word[0] BAR index, word[1] phys, word[2] pages;
			      buf: the device "bb:dd.f" (NUL-terminated); cap: the
			      BAR's frames, narrowed to read, write (and wc) */
#define KH_DRV_START   2u  /* every capability sent: the driver runs */
#define KH_DRV_REVOKE  3u  /* the device goes: unmap, reply, exit */
#define KH_DRV_OK      0u
#define KH_DRV_BDF_BYTES 8u

#endif
