/* elf64.h - the few ELF64 definitions the loader checks (System V gABI). */
#ifndef STAGE2_ELF64_H
#define STAGE2_ELF64_H

#include <stdint.h>

#define ELF_CLASS64     2
#define ELF_DATA_LSB    1
#define ELF_VERSION     1
#define ELF_TYPE_EXEC   2
#define ELF_MACHINE_X86_64 62
#define ELF_PT_LOAD     1
#define ELF_PF_X        1

struct elf64_ehdr {
	uint8_t  ident[16];
	uint16_t type;
	uint16_t machine;
	uint32_t version;
	uint64_t entry;
	uint64_t phoff;
	uint64_t shoff;
	uint32_t flags;
	uint16_t ehsize;
	uint16_t phentsize;
	uint16_t phnum;
	uint16_t shentsize;
	uint16_t shnum;
	uint16_t shstrndx;
};

struct elf64_phdr {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header");

#endif
