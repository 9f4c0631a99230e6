// SPDX-License-Identifier: GPL-2.0
/* Does not compile on purpose: the build must report the compiler's error line. */
#include <linux/module.h>

static int __init ocatopic_broken_init(void)
{
	return undeclared_symbol_for_ocatopic_test;
}

module_init(ocatopic_broken_init);
MODULE_LICENSE("GPL");
