/*
 * kh_drv.h - the device-manager protocol between devdisc and the driver it
 * starts for a device (docs/capabilities.md, "The device-manager
 * protocol").  devdisc spawns the driver with its console and one of its
 * own endpoints (Process.ENDPOINT(k), with the receive right: one k per
 * live driver), plus whatever else that driver's kind is given at spawn
 * (the store writer: a FrameAlloc narrowed to one frame, or the Store
 * capability), then CALLs it: one GRANT per capability, CONFIG if the
 * driver reads configuration space, and START once all are sent; before
 * rescinding the device's frames it CALLs REVOKE.  The driver answers
 * every message with a REPLY of label KH_DRV_OK or an enum status.
 * kh_drvmgr.h is the manager's side of it.
 */
#ifndef KH_DRV_H
#define KH_DRV_H

#define KH_DRV_GRANT   1u  /* word[0] BAR index, word[1] phys, word[2] pages,
			      word[3] the BAR's bytes;
			      buf: the device "bb:dd.f" (NUL-terminated); cap: the
			      BAR's frames, narrowed to read, write (and wc) */
#define KH_DRV_START   2u  /* every capability sent: the driver runs.  Answer
			      KH_DRV_OK: it drives the device; STATUS_NOT_FOUND:
			      not a device it drives (it ends after the reply) */
#define KH_DRV_REVOKE  3u  /* the device goes: unmap, reply, exit */
#define KH_DRV_CONFIG  4u  /* word[0] offset (0 or KH_DRV_CONFIG_PART); buf:
			      that part of the function's configuration space
			      as devdisc read it, decode and bus mastering on.
			      A driver gets no configuration access of its own:
			      it could move its BARs over another device's */
#define KH_DRV_OK      0u
#define KH_DRV_BDF_BYTES 8u
#define KH_DRV_CONFIG_BYTES 256u   /* conventional configuration space */
#define KH_DRV_CONFIG_PART  128u   /* one message's buffer */

/* Labels from KH_DRV_KIND_BASE on belong to a driver kind's own requests
 * (the store writer's: userland/storewriter/sw_proto.h). */
#define KH_DRV_KIND_BASE 16u

#endif
