// SPDX-License-Identifier: GPL-2.0
/* A minimal out-of-tree module for ocatopic's kmm-core integration test. */
#include <linux/init.h>
#include <linux/module.h>

static int __init ocatopic_hello_init(void)
{
	pr_info("ocatopic_hello: loaded\n");
	return 0;
}

static void __exit ocatopic_hello_exit(void)
{
	pr_info("ocatopic_hello: unloaded\n");
}

module_init(ocatopic_hello_init);
module_exit(ocatopic_hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ocatopic kmm-core test module");
MODULE_VERSION("1.0");
