from_init;;
after;;
