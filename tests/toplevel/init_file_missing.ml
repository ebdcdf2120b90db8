from_init;;
