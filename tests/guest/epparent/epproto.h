/*
 * epproto.h - what epparent says to its epchild children on its own
 * endpoints (Process.ENDPOINT(k)): the labels and their words.
 */
#ifndef EPPROTO_H
#define EPPROTO_H

#define EP_ECHO    0x6563u  /* word[0] a token -> word[0] the child's pid, word[1] the token */
#define EP_FRAMES  0x6672u  /* cap: a FrameAlloc slot -> word[0] frames it could map,
			       word[1] the status that stopped it */
#define EP_QUIT    0x7175u  /* word[0] ms: reply, sleep that long without receiving, exit */

#define EP_WIN     0x0000100000000000ull   /* KH_FRAME_VA_BASE */
#define EP_PAGE    4096ull
#define EP_TRIES   8u      /* more maps than any count the tests derive */

#endif
