let f () = for i = 1 to "a" do () done
