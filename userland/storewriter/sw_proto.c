/*
 * sw_proto.c - packing the store writer's requests and replies
 * (sw_proto.h), for devdisc and for the driver alike.
 */
#include "sw_proto.h"
#include "kh_mem.h"

static void put(struct kh_msg *m, const struct bootcfg *next,
		const struct bootcfg_log_record *rec)
{
	memset(m->buf, 0, sizeof m->buf);
	memcpy(m->buf, next, sizeof *next);
	m->len = SW_PART;
	if (rec) {
		memcpy(m->buf + SW_PART, rec, sizeof *rec);
		m->len = 2 * SW_PART;
	}
}

void sw_req_pack(struct kh_msg *m, const struct bootcfg *next,
		 const struct bootcfg_log_record *rec)
{
	m->label = SW_OP_WRITE;
	m->cap = KH_NO_SLOT;
	put(m, next, rec);
}

enum status sw_req_unpack(const struct kh_msg *m, struct bootcfg *next,
			  struct bootcfg_log_record *rec, bool *has_rec)
{
	if (m->len != SW_PART && m->len != 2 * SW_PART)
		return STATUS_BAD_LENGTH;
	memcpy(next, m->buf, sizeof *next);
	*has_rec = m->len == 2 * SW_PART;
	if (*has_rec)
		memcpy(rec, m->buf + SW_PART, sizeof *rec);
	return STATUS_OK;
}

void sw_rep_pack(struct kh_msg *m, const struct sw_result *r, const struct bootcfg *next,
		 const struct bootcfg_log_record *rec)
{
	const struct store_ondisk *o = &r->ondisk;

	m->label = (uint64_t)r->st;
	m->cap = KH_NO_SLOT;
	m->word[0] = (uint64_t)r->slot | (uint64_t)r->torn_bytes << 8;
	m->word[1] = o->generation;
	m->word[2] = (uint64_t)o->read | (uint64_t)o->slot << 8 |
		     (uint64_t)o->blob_landed << 16 | (uint64_t)o->record_landed << 17;
	m->word[3] = 0;
	put(m, next, rec);
}

enum status sw_rep_unpack(const struct kh_msg *m, struct sw_result *r, struct bootcfg *next,
			  struct bootcfg_log_record *rec)
{
	uint64_t o = m->word[2];

	*r = (struct sw_result){
		.st = (enum status)m->label, .slot = (enum bootcfg_slot)(m->word[0] & 0xff),
		.torn_bytes = (uint32_t)(m->word[0] >> 8),
		.ondisk = { .read = (enum status)(o & 0xff), .slot = (enum bootcfg_slot)((o >> 8) & 0xff),
			    .generation = m->word[1], .blob_landed = (o >> 16) & 1,
			    .record_landed = (o >> 17) & 1 },
	};
	if (m->len < SW_PART || (rec && m->len < 2 * SW_PART))
		return STATUS_BAD_LENGTH;
	memcpy(next, m->buf, sizeof *next);
	if (rec)
		memcpy(rec, m->buf + SW_PART, sizeof *rec);
	return STATUS_OK;
}
