// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>
static int __init hello_init(void) { pr_info("ocatopic hello\n"); return 0; }
static void __exit hello_exit(void) { pr_info("ocatopic bye\n"); }
module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ocatopic sample module");
MODULE_AUTHOR("ocatopic");
